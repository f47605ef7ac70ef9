import { GROUPS, realFileTests } from "../../support/hf/real-files.js";

for (const name of GROUPS[1]) realFileTests(name);
