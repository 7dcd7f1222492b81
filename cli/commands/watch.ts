// `sohoa watch <dir>`: placeholder replaced below.
import { Command } from "commander";
export const watch = new Command().name("watch");
