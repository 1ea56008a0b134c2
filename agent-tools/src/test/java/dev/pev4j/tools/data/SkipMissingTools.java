package dev.pev4j.tools.data;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/** Skips, with its reason, a parity test that called a tool its engine does not offer (see {@link Engines}). */
final class SkipMissingTools implements BeforeEachCallback, TestExecutionExceptionHandler {

    @Override
    public void beforeEach(ExtensionContext context) {
        Engines.MISSING_TOOL.remove();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable thrown) throws Throwable {
        String reason = Engines.MISSING_TOOL.get();
        Engines.MISSING_TOOL.remove();
        if (reason != null) {
            throw new TestAbortedException(reason);
        }
        throw thrown;
    }
}
