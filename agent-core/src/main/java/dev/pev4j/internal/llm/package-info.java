/** Reading what models write: JSON out of prose, fences and near-JSON, with typed errors. Not API. */
@NullMarked
package dev.pev4j.internal.llm;

import org.jspecify.annotations.NullMarked;
