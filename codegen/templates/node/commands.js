{{ header }}
"use strict";
/** The v3 SDK's command classes, one per operation: `await client.send(new GetUserCommand(input))`. */

const { Command } = require("../command");

/** {{ class_name }}'s command classes by name (codegen's `naming::command_name`), each to its operation. */
const OPERATIONS = {
{%- for m in methods %}
  {{ m.command }}: "{{ m.operation }}",
{%- endfor %}
};

// The classes are made from the table rather than declared one by one: an ES module import of the
// package loads this file, and declaring IAM's 176 classes took ~2 ms to compile and run. Each is
// `class CreateAccessKeyCommand extends Command { static operation = "CreateAccessKey"; }`, its name too.
for (const [name, operation] of Object.entries(OPERATIONS)) {
  const command = { [name]: class extends Command {} }[name];
  command.operation = operation;
  module.exports[name] = command;
}
