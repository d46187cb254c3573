/**
 * Registers, through the Elasticsearch stable plugin API, the analysis components of the
 * {@code analysis-common} module that newsflow's index templates use, under their standard names
 * and with their standard settings, so the templates work unchanged on a distribution that lacks
 * that module (the integ-test zip) and on a production cluster that has it.
 *
 * <p>Each component is listed in {@code src/main/plugin/named_components.json}, which the server
 * reads instead of scanning the jar; a unit test keeps that file in step with the annotations.
 */
package io.newsflow.esplugin;
