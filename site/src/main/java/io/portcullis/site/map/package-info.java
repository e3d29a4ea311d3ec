/**
 * The reachability map: {@link io.portcullis.site.map.ReachabilityMap} turns a compiled plan into the JSON model of
 * its groups, APIs and callers with the references between them (the living documentation's model), and ships the
 * self-contained renderer (JavaScript and CSS, no library) that draws it, filters it and explains each edge and API.
 * The living docs write it as {@code map.html}; the console mounts the same renderer on the same model.
 */
package io.portcullis.site.map;
