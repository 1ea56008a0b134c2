/**
 * A sandboxed workspace: one root directory to which every file a tool reads or writes is confined. Paths are
 * checked lexically ({@code ..}, absolute paths) and on the file system (symbolic links that lead out), a missing
 * file is reported with the nearest existing names, and writes go to a temporary file that is atomically moved in
 * place, never over an existing file unless asked.
 */
@NullMarked
package dev.pev4j.tools.workspace;

import org.jspecify.annotations.NullMarked;
