{{ header }}
"use strict";
/** The v3 SDK's command classes, one per operation: `await client.send(new GetUserCommand(input))`. */

const { Command } = require("../command");

/** {{ class_name }}'s operations; each gets `<Operation>Command` (codegen's `naming::command_name`). */
const OPERATIONS = [
{%- for m in methods %}
  "{{ m.operation }}",
{%- endfor %}
];

// The classes are made from the list rather than declared one by one: an ES module import of the
// package loads this file, and declaring IAM's 176 classes took ~2 ms to compile and run. Each is
// `class CreateAccessKeyCommand extends Command { static operation = "CreateAccessKey"; }`, its name too.
for (const operation of OPERATIONS) {
  const name = `${operation}Command`;
  const command = { [name]: class extends Command {} }[name];
  command.operation = operation;
  module.exports[name] = command;
}
