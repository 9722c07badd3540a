/**
 * Experiments: a scenario fed to several variants over several seeds in-process, with curves, plots,
 * expectations and a report.
 */
package io.sgdscope.experiment;
