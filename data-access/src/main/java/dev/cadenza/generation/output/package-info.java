/**
 * The shapes of a generation's stored JSON documents (output, steps) as API.md shows them. The
 * service passes the stored documents through; these records only give them a schema in the
 * OpenAPI document ({@code @Schema(implementation = ...)} on the resource's fields).
 */
package dev.cadenza.generation.output;
