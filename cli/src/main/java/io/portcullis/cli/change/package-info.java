/** Change control: {@code propose} writes a change record, {@code approve} signs one (docs/change-control.md). */
package io.portcullis.cli.change;
