/** The console's server, sign-in, and the readers behind each view; used only through {@code console.Console}. */
package io.portcullis.console.internal;
