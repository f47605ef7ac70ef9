import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { ADAPTERS } from "./adapters/index.js";

export interface Machine {
  cpu: string;
  cores: number;
  ramGB: number;
  node: string;
  platform: string;
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpuModel() ?? cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    ramGB: os.totalmem() / 2 ** 30,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

/** os.cpus() gives only "AMD EPYC" on some VMs; /proc/cpuinfo sometimes says more. */
function cpuModel(): string | undefined {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    return line?.split(":")[1]?.trim();
  } catch {
    return undefined;
  }
}

/** name → version, read from each library's own package.json (toklab: this repository's). */
export function libraryVersions(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const versions: Record<string, string> = {};
  for (const adapter of ADAPTERS) {
    const file = adapter.packageName ? `${adapter.packageName}/package.json` : "../package.json";
    try {
      versions[adapter.name] = (require(file) as { version: string }).version;
    } catch {
      // Some packages do not export ./package.json; find it next to the resolved entry point.
      versions[adapter.name] = versionNearEntry(require, adapter.packageName) ?? "unknown";
    }
  }
  return versions;
}

function versionNearEntry(require: NodeRequire, pkg: string | undefined): string | undefined {
  if (!pkg) return undefined;
  for (const base of require.resolve.paths(pkg) ?? []) {
    try {
      return (JSON.parse(readFileSync(`${base}/${pkg}/package.json`, "utf8")) as { version: string }).version;
    } catch {
      // try the next node_modules directory
    }
  }
  return undefined;
}
