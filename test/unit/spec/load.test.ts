import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CtbunError, SpecError } from "../../../src/errors.ts";
import { loadSpec, normalizeSysctlKey, parseFilesystems, validateSpec, type ValidateOptions } from "../../../src/spec/load.ts";

let bundle: string;
let warnings: string[] = [];
const FILESYSTEMS = ["sysfs", "tmpfs", "proc", "ext4", "fuse"];
const opts: ValidateOptions = { filesystems: FILESYSTEMS, warn: (m) => warnings.push(m) };

beforeAll(() => {
  bundle = mkdtempSync(join(tmpdir(), "ctbun-load-"));
  mkdirSync(join(bundle, "rootfs"));
  mkdirSync(join(bundle, "data"));
  writeFileSync(join(bundle, "afile"), "");
  symlinkSync("rootfs", join(bundle, "rootfs-link"));
});
afterAll(() => rmSync(bundle, { recursive: true, force: true }));

/** A small valid config; `patch` edits a deep copy. */
function config(patch: (c: any) => void = () => {}): any {
  const c: any = {
    ociVersion: "1.2.0",
    process: { user: { uid: 0, gid: 0 }, args: ["sh"], env: ["PATH=/bin"], cwd: "/" },
    root: { path: "rootfs" },
    hostname: "h",
    mounts: [
      { destination: "/proc", type: "proc", source: "proc" },
      { destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "mode=755"] },
    ],
    linux: { namespaces: [{ type: "pid" }, { type: "mount" }, { type: "uts" }, { type: "ipc" }, { type: "network" }] },
  };
  patch(c);
  return c;
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("loadSpec()", () => {
  test("loadSpec() reads and validates <bundle>/config.json", () => {
    writeFileSync(join(bundle, "config.json"), JSON.stringify(config()));
    const spec = loadSpec(bundle, opts);
    expect(spec.process!.args).toEqual(["sh"]);
    expect(spec.root!.path).toBe(join(bundle, "rootfs"));
  });

  test("loadSpec() fails like runc's chdir when the bundle does not exist", () => {
    expect(errorOf(() => loadSpec("/nonexistent/bundle", opts)).message).toBe("chdir /nonexistent/bundle: no such file or directory");
  });

  test("loadSpec() fails with ENOTDIR when the bundle is a file", () => {
    const p = join(bundle, "afile");
    expect(errorOf(() => loadSpec(p, opts)).message).toBe(`chdir ${p}: not a directory`);
  });

  test("loadSpec() says runc's text when config.json is missing", () => {
    const empty = join(bundle, "data");
    expect(errorOf(() => loadSpec(empty, opts)).message).toBe("JSON specification file config.json not found");
  });

  test("loadSpec() names the file and the problem for invalid JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "ctbun-badjson-"));
    try {
      writeFileSync(join(dir, "config.json"), '{"ociVersion": ');
      const e = errorOf(() => loadSpec(dir, opts));
      expect(e).toBeInstanceOf(CtbunError);
      expect(e.message).toStartWith(`cannot parse ${join(dir, "config.json")}: `);
      expect(e.message).not.toContain("\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("loadSpec() rejects a config that is not an object", () => {
    const dir = mkdtempSync(join(tmpdir(), "ctbun-null-"));
    try {
      writeFileSync(join(dir, "config.json"), "null");
      expect(errorOf(() => loadSpec(dir, opts)).message).toBe("invalid config.json: the top level must be a JSON object");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("validateSpec() accepts and normalizes", () => {
  test("validateSpec() accepts the small config unchanged apart from normalization", () => {
    const s = validateSpec(config(), bundle, opts);
    expect(s.ociVersion).toBe("1.2.0");
    expect(s.mounts).toHaveLength(2);
  });

  test("validateSpec() does not modify its input", () => {
    const c = config();
    const copy = structuredClone(c);
    validateSpec(c, bundle, opts);
    expect(c).toEqual(copy);
  });

  test("validateSpec() makes root.path absolute against the bundle", () => {
    expect(validateSpec(config(), bundle, opts).root!.path).toBe(join(bundle, "rootfs"));
  });

  test("validateSpec() accepts an absolute root.path", () => {
    const s = validateSpec(config((c) => (c.root.path = join(bundle, "rootfs"))), "/", opts);
    expect(s.root!.path).toBe(join(bundle, "rootfs"));
  });

  test("validateSpec() fills in process.user when it is missing (uid 0, gid 0)", () => {
    const s = validateSpec(config((c) => delete c.process.user), bundle, opts);
    expect(s.process!.user).toEqual({ uid: 0, gid: 0 });
  });

  test("validateSpec() treats a relative mount destination as relative to / and warns, as runc does", () => {
    warnings = [];
    const s = validateSpec(config((c) => (c.mounts[0].destination = "proc")), bundle, opts);
    expect(s.mounts![0]!.destination).toBe("/proc");
    expect(warnings[0]).toContain("mount destination proc is not absolute");
  });

  test("validateSpec() resolves a relative bind source against the bundle", () => {
    const s = validateSpec(
      config((c) => c.mounts.push({ destination: "/data", source: "data", options: ["rbind", "ro"] })),
      bundle,
      opts,
    );
    expect(s.mounts![2]!.source).toBe(join(bundle, "data"));
  });

  const goodMounts: [string, any][] = [
    ["a bind mount with type none", { destination: "/x", type: "none", source: "/tmp", options: ["bind"] }],
    ["a bind mount without a type", { destination: "/x", source: "/tmp", options: ["rbind"] }],
    ["type bind without the bind option", { destination: "/x", type: "bind", source: "/tmp" }],
    ["a bind mount of any type (ignored)", { destination: "/x", type: "whatever", source: "/tmp", options: ["bind"] }],
    ["each builtin type", { destination: "/x", type: "mqueue", source: "mqueue" }],
    ["cgroup2", { destination: "/sys/fs/cgroup", type: "cgroup2", source: "cgroup" }],
    ["devpts", { destination: "/dev/pts", type: "devpts", source: "devpts", options: ["newinstance", "gid=5"] }],
    ["a type from /proc/filesystems", { destination: "/x", type: "ext4", source: "/dev/sda1" }],
    ["a fuse subtype", { destination: "/x", type: "fuse.sshfs", source: "host:/" }],
    ["a module filesystem not loaded yet", { destination: "/x", type: "overlay", source: "overlay", options: ["lowerdir=/a"] }],
    ["an idmapped bind mount", { destination: "/x", source: "/tmp", options: ["bind", "idmap"] }],
  ];
  for (const [what, mount] of goodMounts) {
    test(`validateSpec() accepts ${what}`, () => {
      expect(() => validateSpec(config((c) => c.mounts.push(mount)), bundle, opts)).not.toThrow();
    });
  }

  test("validateSpec() accepts a user namespace with mappings", () => {
    const c = config((c) => {
      c.linux.namespaces.push({ type: "user" });
      c.linux.uidMappings = [{ containerID: 0, hostID: 1000, size: 1 }];
      c.linux.gidMappings = [{ containerID: 0, hostID: 1000, size: 65536 }];
    });
    expect(() => validateSpec(c, bundle, opts)).not.toThrow();
  });

  test("validateSpec() accepts joining a user namespace by path without mappings", () => {
    const c = config((c) => c.linux.namespaces.push({ type: "user", path: "/proc/self/ns/user" }));
    expect(() => validateSpec(c, bundle, opts)).not.toThrow();
  });

  test("validateSpec() accepts namespaced sysctls", () => {
    const c = config((c) => {
      c.linux.sysctl = {
        "net.ipv4.ip_forward": "1",
        "net/ipv4/conf/eth0.100/rp_filter": "0",
        "kernel.shmmax": "1",
        "fs.mqueue.msg_max": "10",
        "kernel.domainname": "d",
      };
    });
    expect(() => validateSpec(c, bundle, opts)).not.toThrow();
  });

  test("validateSpec() accepts time offsets with a time namespace", () => {
    const c = config((c) => {
      c.linux.namespaces.push({ type: "time" });
      c.linux.timeOffsets = { monotonic: { secs: 10, nanosecs: 0 }, boottime: { secs: -5 } };
    });
    expect(() => validateSpec(c, bundle, opts)).not.toThrow();
  });

  test("validateSpec() accepts every rootfsPropagation value including empty", () => {
    for (const p of ["", "shared", "slave", "private", "rshared", "rslave", "rprivate", "unbindable", "runbindable"]) {
      expect(() => validateSpec(config((c) => (c.linux.rootfsPropagation = p)), bundle, opts)).not.toThrow();
    }
  });

  test("validateSpec() accepts an RLIM_INFINITY-sized rlimit", () => {
    const c = config((c) => (c.process.rlimits = [{ type: "RLIMIT_CORE", soft: 18446744073709551615, hard: 18446744073709551615 }]));
    expect(() => validateSpec(c, bundle, opts)).not.toThrow();
  });

  test("validateSpec() accepts a missing linux section", () => {
    const c = config((c) => {
      delete c.linux;
      delete c.hostname;
    });
    expect(() => validateSpec(c, bundle, opts)).not.toThrow();
  });

  test("validateSpec() treats null optional fields as absent", () => {
    const c = config((c) => {
      c.process.env = null;
      c.mounts = null;
      c.linux.maskedPaths = null;
    });
    expect(() => validateSpec(c, bundle, opts)).not.toThrow();
  });
});

describe("validateSpec() rejects, naming the field", () => {
  const cases: [string, (c: any) => void, string][] = [
    ["ociVersion missing", (c) => delete c.ociVersion, "ociVersion: must be a string"],
    ["ociVersion empty", (c) => (c.ociVersion = ""), "ociVersion: must not be empty"],
    ["process missing", (c) => delete c.process, "process: must be present"],
    ["process.args missing", (c) => delete c.process.args, "process.args: must be a non-empty array"],
    ["process.args empty", (c) => (c.process.args = []), "process.args: must be a non-empty array"],
    ["process.args a string", (c) => (c.process.args = "sh"), "process.args: must be a non-empty array"],
    ["process.args with a number", (c) => (c.process.args = ["sh", 1]), "process.args[1]: must be a string"],
    ["process.args with a NUL", (c) => (c.process.args = ["s\0h"]), "process.args[0]: must not contain a NUL byte"],
    ["process.cwd missing", (c) => delete c.process.cwd, "process.cwd: must not be empty"],
    ["process.cwd relative", (c) => (c.process.cwd = "tmp"), 'process.cwd: must be an absolute path, got "tmp"'],
    ["process.user.uid a string", (c) => (c.process.user.uid = "0"), "process.user.uid: must be an integer"],
    ["process.user.gid fractional", (c) => (c.process.user.gid = 1.5), "process.user.gid: must be an integer"],
    ["process.user.uid negative", (c) => (c.process.user.uid = -1), "process.user.uid: must be at least 0"],
    ["process.user.uid too big", (c) => (c.process.user.uid = 2 ** 32), "process.user.uid: must be at most 4294967295"],
    ["process.user.additionalGids bad", (c) => (c.process.user.additionalGids = [1, "x"]), "process.user.additionalGids[1]: must be an integer"],
    ["process.env without =", (c) => (c.process.env = ["A=1", "FOO"]), `process.env[1]: invalid environment variable "FOO": missing '='`],
    ["process.env with empty name", (c) => (c.process.env = ["=x"]), `process.env[0]: invalid environment variable "=x": empty name`],
    ["process.terminal a string", (c) => (c.process.terminal = "yes"), "process.terminal: must be a boolean"],
    ["unknown capability", (c) => (c.process.capabilities = { bounding: ["CAP_KILL", "CAP_FOO"] }), 'process.capabilities.bounding[1]: unknown capability "CAP_FOO"'],
    ["lower-case capability", (c) => (c.process.capabilities = { ambient: ["cap_kill"] }), 'process.capabilities.ambient[0]: unknown capability "cap_kill"'],
    ["capabilities set not an array", (c) => (c.process.capabilities = { effective: "CAP_KILL" }), "process.capabilities.effective: must be an array"],
    ["unknown rlimit", (c) => (c.process.rlimits = [{ type: "RLIMIT_FOO", soft: 1, hard: 1 }]), 'process.rlimits[0].type: unknown rlimit type "RLIMIT_FOO"'],
    ["rlimit without RLIMIT_ prefix", (c) => (c.process.rlimits = [{ type: "NOFILE", soft: 1, hard: 1 }]), 'process.rlimits[0].type: unknown rlimit type "NOFILE"'],
    ["rlimit soft > hard", (c) => (c.process.rlimits = [{ type: "RLIMIT_NOFILE", soft: 2048, hard: 1024 }]), "process.rlimits[0]: soft limit 2048 is greater than hard limit 1024"],
    ["rlimit negative", (c) => (c.process.rlimits = [{ type: "RLIMIT_NOFILE", soft: -1, hard: 1 }]), "process.rlimits[0].soft: must be at least 0"],
    ["oomScoreAdj out of range", (c) => (c.process.oomScoreAdj = 1001), "process.oomScoreAdj: must be at most 1000"],
    ["root missing", (c) => delete c.root, "root: must be present"],
    ["root.path empty", (c) => (c.root.path = ""), "root.path: must not be empty"],
    ["root.path not a string", (c) => (c.root.path = 1), "root.path: must be a string"],
    ["root.path a symlink", (c) => (c.root.path = "rootfs-link"), "invalid rootfs: not an absolute path, or a symlink"],
    ["root.path a file", (c) => (c.root.path = "afile"), "/afile: not a directory"],
    ["root.path missing dir", (c) => (c.root.path = "nope"), "/nope: no such file or directory"],
    ["hostname without uts", (c) => (c.linux.namespaces = [{ type: "mount" }]), "hostname: unable to set hostname without a private UTS namespace"],
    ["domainname without uts", (c) => {
      delete c.hostname;
      c.domainname = "d";
      c.linux.namespaces = [{ type: "mount" }];
    }, "domainname: unable to set domainname without a private UTS namespace"],
    ["mounts not an array", (c) => (c.mounts = {}), "mounts: must be an array"],
    ["mount destination missing", (c) => delete c.mounts[1].destination, "mounts[1].destination: must be a string"],
    ["unknown mount type at index 3", (c) => c.mounts.push({ destination: "/a", type: "tmpfs" }, { destination: "/x", type: "foo", source: "foo" }), 'mounts[3].type: unknown mount type "foo"'],
    ["mount type foo", (c) => (c.mounts[1].type = "foo"), 'mounts[1].type: unknown mount type "foo"'],
    ["mount type none without bind", (c) => (c.mounts[1].type = "none"), 'mounts[1].type: unknown mount type "none"'],
    ["mount type missing without bind", (c) => delete c.mounts[0].type, "mounts[0].type: must be set for a mount that is not a bind mount"],
    ["bind mount without source", (c) => c.mounts.push({ destination: "/x", options: ["bind"] }), "mounts[2].source: a bind mount needs a source"],
    ["mount options not strings", (c) => (c.mounts[1].options = ["ro", 5]), "mounts[1].options[1]: must be a string"],
    ["idmap on a non-bind mount", (c) => (c.mounts[1].options = ["idmap"]), "mounts[1]: id-mapped mounts"],
    ["mount uidMappings size 0", (c) => c.mounts.push({ destination: "/x", source: "/tmp", options: ["bind"], uidMappings: [{ containerID: 0, hostID: 0, size: 0 }] }), "mounts[2].uidMappings[0].size: must be greater than 0"],
    ["unknown namespace", (c) => c.linux.namespaces.push({ type: "foo" }), 'linux.namespaces[5].type: unknown namespace type "foo"'],
    ["duplicate namespace", (c) => c.linux.namespaces.push({ type: "pid" }), 'linux.namespaces[5].type: duplicate namespace "pid"'],
    ["namespace path missing", (c) => (c.linux.namespaces[1] = { type: "mount", path: "/proc/999999999/ns/mnt" }), "linux.namespaces[1].path: /proc/999999999/ns/mnt: no such file or directory"],
    ["namespace path relative", (c) => (c.linux.namespaces[1] = { type: "mount", path: "ns/mnt" }), "linux.namespaces[1].path: must be an absolute path"],
    ["user ns without mappings", (c) => c.linux.namespaces.push({ type: "user" }), "linux.uidMappings: a new user namespace needs uidMappings and gidMappings"],
    ["user ns without gid mappings", (c) => {
      c.linux.namespaces.push({ type: "user" });
      c.linux.uidMappings = [{ containerID: 0, hostID: 0, size: 1 }];
    }, "linux.gidMappings: a new user namespace needs uidMappings and gidMappings"],
    ["user ns with empty mappings", (c) => {
      c.linux.namespaces.push({ type: "user" });
      c.linux.uidMappings = [];
      c.linux.gidMappings = [];
    }, "linux.uidMappings: a new user namespace needs uidMappings and gidMappings"],
    ["mappings without user ns", (c) => (c.linux.uidMappings = [{ containerID: 0, hostID: 0, size: 1 }]), "linux.uidMappings: user namespace mappings specified, but no user namespace"],
    ["gid mappings without user ns", (c) => (c.linux.gidMappings = [{ containerID: 0, hostID: 0, size: 1 }]), "linux.gidMappings: user namespace mappings specified"],
    ["mapping size 0", (c) => {
      c.linux.namespaces.push({ type: "user" });
      c.linux.uidMappings = [{ containerID: 0, hostID: 0, size: 0 }];
      c.linux.gidMappings = [{ containerID: 0, hostID: 0, size: 1 }];
    }, "linux.uidMappings[0].size: must be greater than 0"],
    ["mapping hostID missing", (c) => {
      c.linux.namespaces.push({ type: "user" });
      c.linux.uidMappings = [{ containerID: 0, size: 1 }];
    }, "linux.uidMappings[0].hostID: must be an integer"],
    ["net sysctl without netns", (c) => {
      c.linux.namespaces = c.linux.namespaces.filter((n: any) => n.type !== "network");
      c.linux.sysctl = { "net.ipv4.ip_forward": "1" };
    }, 'linux.sysctl["net.ipv4.ip_forward"]: sysctl "net.ipv4.ip_forward" not allowed in host network namespace'],
    ["net sysctl in the host netns by path", (c) => {
      c.linux.namespaces = c.linux.namespaces.map((n: any) => (n.type === "network" ? { type: "network", path: "/proc/self/ns/net" } : n));
      c.linux.sysctl = { "net.core.somaxconn": "1" };
    }, 'sysctl "net.core.somaxconn" not allowed in host network namespace'],
    ["ipc sysctl without ipc ns", (c) => {
      c.linux.namespaces = c.linux.namespaces.filter((n: any) => n.type !== "ipc");
      c.linux.sysctl = { "kernel.msgmax": "1" };
    }, 'linux.sysctl["kernel.msgmax"]: sysctl "kernel.msgmax" is not allowed in the hosts ipc namespace'],
    ["mqueue sysctl without ipc ns", (c) => {
      c.linux.namespaces = c.linux.namespaces.filter((n: any) => n.type !== "ipc");
      c.linux.sysctl = { "fs.mqueue.queues_max": "1" };
    }, 'sysctl "fs.mqueue.queues_max" is not allowed in the hosts ipc namespace'],
    ["kernel.hostname sysctl", (c) => (c.linux.sysctl = { "kernel.hostname": "x" }), 'sysctl "kernel.hostname" is not allowed as it conflicts with the OCI "hostname" field'],
    ["kernel.domainname without uts", (c) => {
      delete c.hostname;
      c.linux.namespaces = [{ type: "mount" }];
      c.linux.sysctl = { "kernel.domainname": "x" };
    }, 'sysctl "kernel.domainname" is not in a separate kernel namespace'],
    ["non-namespaced sysctl", (c) => (c.linux.sysctl = { "vm.swappiness": "1" }), 'linux.sysctl["vm.swappiness"]: sysctl "vm.swappiness" is not in a separate kernel namespace'],
    ["sysctl value not a string", (c) => (c.linux.sysctl = { "kernel.shmmax": 1 }), 'linux.sysctl["kernel.shmmax"]: must be a string'],
    ["unknown rootfsPropagation", (c) => (c.linux.rootfsPropagation = "rshared2"), 'linux.rootfsPropagation: unknown propagation "rshared2"'],
    ["relative masked path", (c) => (c.linux.maskedPaths = ["/proc/kcore", "proc/keys"]), 'linux.maskedPaths[1]: must be an absolute path, got "proc/keys"'],
    ["relative readonly path", (c) => (c.linux.readonlyPaths = ["sys"]), "linux.readonlyPaths[0]: must be an absolute path"],
    ["masked paths without mount ns", (c) => {
      c.linux.namespaces = [{ type: "uts" }];
      c.linux.maskedPaths = ["/proc/kcore"];
    }, "linux.maskedPaths: unable to restrict sys entries without a private MNT namespace"],
    ["relative hook path", (c) => (c.hooks = { prestart: [{ path: "hook" }] }), "hooks.prestart[0].path: must be an absolute path"],
    ["hook path missing", (c) => (c.hooks = { poststop: [{}] }), "hooks.poststop[0].path: must be a string"],
    ["hook timeout 0", (c) => (c.hooks = { createRuntime: [{ path: "/bin/true", timeout: 0 }] }), "hooks.createRuntime[0].timeout: must be at least 1"],
    ["hook env without =", (c) => (c.hooks = { poststart: [{ path: "/bin/true", env: ["X"] }] }), "hooks.poststart[0].env[0]: invalid environment variable"],
    ["unknown time offset clock", (c) => {
      c.linux.namespaces.push({ type: "time" });
      c.linux.timeOffsets = { realtime: { secs: 1 } };
    }, 'linux.timeOffsets.realtime: unknown clock "realtime"'],
    ["time offsets without time ns", (c) => (c.linux.timeOffsets = { monotonic: { secs: 1 } }), "linux.timeOffsets: time namespace offsets specified, but no time namespace"],
    ["time offset nanosecs too big", (c) => {
      c.linux.namespaces.push({ type: "time" });
      c.linux.timeOffsets = { boottime: { nanosecs: 1e9 } };
    }, "linux.timeOffsets.boottime.nanosecs: must be at most 999999999"],
    ["unknown device type", (c) => (c.linux.devices = [{ type: "x", path: "/dev/x", major: 1, minor: 1 }]), 'linux.devices[0].type: unknown device type "x"'],
    ["device without major", (c) => (c.linux.devices = [{ type: "c", path: "/dev/x", minor: 1 }]), "linux.devices[0].major: must be an integer"],
    ["device relative path", (c) => (c.linux.devices = [{ type: "p", path: "dev/fifo" }]), "linux.devices[0].path: must be an absolute path"],
    ["cgroup device rule bad type", (c) => (c.linux.resources = { devices: [{ allow: true, type: "p", access: "rwm" }] }), 'linux.resources.devices[0].type: invalid cgroup device type "p"'],
    ["cgroup device rule bad access", (c) => (c.linux.resources = { devices: [{ allow: true, access: "rx" }] }), 'linux.resources.devices[0].access: invalid access "rx"'],
    ["personality domain", (c) => (c.linux.personality = { domain: "BSD" }), 'linux.personality.domain: invalid personality domain "BSD"'],
    ["seccomp defaultAction not a string", (c) => (c.linux.seccomp = { defaultAction: 1 }), "linux.seccomp.defaultAction: must be a string"],
    ["annotations with a number value", (c) => (c.annotations = { a: 1 }), 'annotations["a"]: must be a string'],
    ["linux not an object", (c) => (c.linux = []), "linux: must be an object"],
  ];
  for (const [what, patch, message] of cases) {
    test(`validateSpec() rejects ${what}`, () => {
      const e = errorOf(() => validateSpec(config(patch), bundle, opts));
      expect(e).toBeInstanceOf(CtbunError);
      expect(e.message).toStartWith("invalid config.json: ");
      expect(e.message).toContain(message);
    });
  }

  test("SpecError carries the JSON path of the bad field", () => {
    const e = errorOf(() => validateSpec(config((c) => (c.mounts[1].type = "foo")), bundle, opts));
    expect(e).toBeInstanceOf(SpecError);
    expect((e as SpecError).field).toBe("mounts[1].type");
    expect(e.message).toBe('invalid config.json: mounts[1].type: unknown mount type "foo"');
  });
});

describe("helpers", () => {
  test("parseFilesystems() reads /proc/filesystems lines with and without nodev", () => {
    expect(parseFilesystems("nodev\tsysfs\nnodev\ttmpfs\n\text4\n\tbtrfs\n")).toEqual(["sysfs", "tmpfs", "ext4", "btrfs"]);
  });

  const sysctls: [string, string][] = [
    ["net.ipv4.ip_forward", "net.ipv4.ip_forward"],
    ["net/ipv4/ip_forward", "net.ipv4.ip_forward"],
    ["net/ipv4/conf/eno2.100/rp_filter", "net.ipv4.conf.eno2/100.rp_filter"],
    ["net.ipv4.conf.eno2/100.rp_filter", "net.ipv4.conf.eno2/100.rp_filter"],
    ["kernel", "kernel"],
    ["", ""],
  ];
  for (const [input, want] of sysctls) {
    test(`normalizeSysctlKey() turns ${JSON.stringify(input)} into ${JSON.stringify(want)}`, () => {
      expect(normalizeSysctlKey(input)).toBe(want);
    });
  }
});
