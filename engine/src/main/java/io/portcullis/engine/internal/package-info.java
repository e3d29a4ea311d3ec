/**
 * The engine's compiled data structures: interned groups, compiled rules, prefix tables, the workload index and
 * the compiler that builds them. Nothing here is public API.
 */
package io.portcullis.engine.internal;
