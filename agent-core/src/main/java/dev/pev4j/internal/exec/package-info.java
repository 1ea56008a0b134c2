/** Preview rendering shared by the executor, the tester and toolkits. Not API. */
@NullMarked
package dev.pev4j.internal.exec;

import org.jspecify.annotations.NullMarked;
