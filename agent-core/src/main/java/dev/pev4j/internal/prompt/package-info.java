/**
 * Fitting prompts to a model's context window: a prompt is laid out from named {@link dev.pev4j.internal.prompt.PromptSection}s
 * of whole items, and {@link dev.pev4j.internal.prompt.PromptFitter} trims them by a stated priority (examples dropped first,
 * then evidence previews shortened, then tool descriptions dropped with their signatures kept; fixed text such as the
 * task never) until the prompt fits its token budget, so nothing is ever cut in the middle of an item or of JSON.
 */
@NullMarked
package dev.pev4j.internal.prompt;

import org.jspecify.annotations.NullMarked;
