/**
 * Model-based testing of the lifecycle workflows, one file a concern:
 *
 * <ul>
 *   <li>{@code LifecycleModelTest}: the tests (start here).
 *   <li>{@code LifecycleModel}: the reference model, written from the spec alone; {@code Sequence}
 *       and {@code Step}: what a test plays; {@code StepGenerator}: random sequences from a seed.
 *   <li>The harness: {@code Run} plays one sequence against the model and, through {@code
 *       DrivenWorkflow}, against the workflow; {@code Comparison} checks what the workflow did and
 *       records each {@code Mismatch}; {@code Lanes} runs sequences side by side on {@code Lane}s
 *       (time-skipping test environments); {@code Reports} says what they covered and why a
 *       sequence failed; {@code Observed} reads a call's answer, {@code Calls} bounds calls in
 *       time.
 * </ul>
 */
package io.billhook.workflows.lifecycle.model;
