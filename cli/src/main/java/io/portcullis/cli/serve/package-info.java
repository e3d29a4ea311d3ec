/** Commands that serve traffic: {@code run} (a node on a configuration) and {@code demo} (a node on the shipped demo). */
package io.portcullis.cli.serve;
