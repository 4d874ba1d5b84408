// Files embedded with `import x from "..." with { type: "file" }` resolve to a path string.
declare module "*.so" {
  const path: string;
  export default path;
}
// and `with { type: "text" }` to its text (the shim as base64, see build.ts)
declare module "*.b64" {
  const text: string;
  export default text;
}
