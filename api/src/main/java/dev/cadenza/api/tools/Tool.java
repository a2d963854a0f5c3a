package dev.cadenza.api.tools;

import java.util.List;

/**
 * One generation type in the catalogue ({@code GET /v1/tools}).
 *
 * @param price credits of a generation that runs every priced step
 * @param steps the priced steps, for types priced per step; empty otherwise
 */
public record Tool(String type, String name, String description, long price, List<Step> steps) {

  /** A priced step. */
  public record Step(String name, long price) {}
}
