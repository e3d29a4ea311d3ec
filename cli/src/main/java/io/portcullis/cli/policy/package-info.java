/**
 * {@code portcullis policy validate|eval}: the resource-policy simulator users can script. Each subcommand parses
 * arguments, calls {@code io.portcullis.policy} and prints; exit codes are {@link io.portcullis.cli.ExitCodes}.
 */
package io.portcullis.cli.policy;
