// Options the CLI hands to runtime operations (one shape per command family).

export interface GlobalOptions {
  root: string;
  debug: boolean;
  systemdCgroup: boolean;
  rootless: string; // "true" | "false" | "auto"
  log?: string;
  logFormat: "text" | "json";
}

export interface CreateOptions {
  root: string;
  id: string;
  bundle: string;
  consoleSocket?: string;
  pidFile?: string;
  noPivot: boolean;
  noNewKeyring: boolean;
  preserveFds: number;
  systemdCgroup: boolean;
}

export interface RunOptions extends CreateOptions {
  detach: boolean;
  keep: boolean;
  noSubreaper: boolean;
}
