"use strict";
// The v3 SDK's command form, shared by every generated command class (commands.js): a command holds
// its input, `client.send(command)` runs the operation the class names. No per-operation code here.

const { ConfigurationError } = require("./runtime");

/** Base of the generated `*Command` classes (like `@smithy/smithy-client`'s Command). */
class Command {
  constructor(input = {}) {
    this.input = input;
  }
}

/** `client.send(command[, options][, callback])` as in v3: a Promise, or the callback when one is given. */
function send(client, command, optionsOrCb, cb) {
  const callback = typeof optionsOrCb === "function" ? optionsOrCb : cb;
  const options = typeof optionsOrCb === "function" ? undefined : optionsOrCb;
  let promise;
  const operation = command instanceof Command ? command.constructor.operation : undefined;
  if (typeof operation !== "string") {
    promise = Promise.reject(new ConfigurationError({ message: "send() takes a command, e.g. client.send(new GetUserCommand({ UserName }))" }));
  } else {
    promise = client._call(operation, command.input, options);
  }
  if (typeof callback !== "function") return promise;
  promise.then(
    (data) => callback(null, data),
    (err) => callback(err),
  );
  return undefined;
}

module.exports = { Command, send };
