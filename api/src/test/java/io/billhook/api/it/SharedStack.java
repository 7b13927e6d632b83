package io.billhook.api.it;

import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one {@link Stack} for the whole IT run (booting Billhook takes a while on two
 * cores), closed when the run ends. Its dev server starts without Billhook's search attributes, so
 * everything found by them proves the app registered them itself. Tests that kill things make their
 * own stack instead; tests here use vendor ids of their own.
 */
final class SharedStack implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedStack.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Stack.class;
  }

  @Override
  public Stack resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(Stack.class, key -> Stack.start("shared", false, Map.of()), Stack.class);
  }
}
