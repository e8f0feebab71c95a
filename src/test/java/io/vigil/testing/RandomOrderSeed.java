package io.vigil.testing;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints the seed of the random method and class order at the start of a run, so that an order
 * dependency found by one run can be replayed: {@code mvn verify -Dvigil.test.seed=<seed>}.
 */
public final class RandomOrderSeed implements TestExecutionListener {

    static final String SEED = "junit.jupiter.execution.order.random.seed";

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        String seed = plan.getConfigurationParameters().get(SEED).orElse("(none: JUnit picked one, see its CONFIG log)");
        System.out.println("Random test order seed: " + seed + " (replay with -Dvigil.test.seed=" + seed + ")");
    }
}
