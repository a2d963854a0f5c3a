package dev.cadenza.workflows.image;

/** What the user asked for; the API fills the defaults (512 x 512, a random seed). */
public record ImageInput(String prompt, int width, int height, long seed) {}
