/**
 * What the topology's processors share: the values one passes to another ({@link
 * io.sgdscope.streams.wiring.JoinInput}) and the names of nodes and stores. Every processor
 * package may depend on this one; it depends on none of them, which keeps the dependencies
 * between {@code validation}, {@code join}, {@code drift} and {@code standardize} one-way.
 */
package io.sgdscope.streams.wiring;
