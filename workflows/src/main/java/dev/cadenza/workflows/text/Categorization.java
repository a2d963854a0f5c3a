package dev.cadenza.workflows.text;

import java.util.List;

/** A song's title and its genre/mood categories. */
public record Categorization(String title, List<String> categories) {}
