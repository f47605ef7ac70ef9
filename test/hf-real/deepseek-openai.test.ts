import { GROUPS, realFileTests } from "./support.js";

for (const name of GROUPS[2]) realFileTests(name);
