package upcast.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test that drives real headless Chromium. Runs unless {@code -DskipBrowserTests=true} (for
 * a quick inner loop); {@code ./test.sh} always runs them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("browser")
@ExtendWith(BrowserTest.Condition.class)
public @interface BrowserTest {

  /** Skips when the {@code skipBrowserTests} system property is true. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return Boolean.getBoolean("skipBrowserTests")
          ? ConditionEvaluationResult.disabled("-DskipBrowserTests=true")
          : ConditionEvaluationResult.enabled("browser tests enabled");
    }
  }
}
