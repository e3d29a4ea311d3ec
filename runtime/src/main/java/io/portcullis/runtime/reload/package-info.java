/** What triggers a reload of a running node: a change to its configuration files, or SIGHUP. */
package io.portcullis.runtime.reload;
