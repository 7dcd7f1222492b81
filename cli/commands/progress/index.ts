// `sohoa progress`: units, scope, plans, rebuild and reports of digitization progress per level.
import { Command } from "commander";
import { plan } from "./plan.js";
import { rebuild } from "./rebuild.js";
import { report } from "./report.js";
import { scope } from "./scope.js";
import { units } from "./units.js";

export const progress = new Command()
  .name("progress")
  .description("progress per administrative level against the plan")
  .addCommand(report)
  .addCommand(rebuild)
  .addCommand(scope)
  .addCommand(units)
  .addCommand(plan);
