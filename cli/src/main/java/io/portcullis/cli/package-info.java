/**
 * The {@code portcullis} command line. {@link io.portcullis.cli.PortcullisCommand} lists every subcommand;
 * each subcommand lives in its own class and only parses arguments, calls a module's public API and prints.
 * Exit codes are uniform: {@link io.portcullis.cli.ExitCodes}.
 */
package io.portcullis.cli;
