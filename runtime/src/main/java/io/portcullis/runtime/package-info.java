/** A running Portcullis node: configuration mapped to the gateway, engine, identity, policy and audit; reload; the admin listener. */
package io.portcullis.runtime;
