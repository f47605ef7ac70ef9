import { GROUPS, realFileTests } from "./support.js";

for (const name of GROUPS[1]) realFileTests(name);
