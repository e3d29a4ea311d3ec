/** {@code portcullis docs}: living documentation of a plan (module {@code site}). */
package io.portcullis.cli.docs;
