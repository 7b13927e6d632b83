package io.billhook.workflows.lifecycle.model;

import io.billhook.workflows.lifecycle.LifecycleSettings;
import java.util.List;

/**
 * What a {@link Run} plays: the entity, its seed, its steps, the settings and history limit (0: the
 * workflow's own) it starts with. {@code label} tells sequences of one seed apart; {@code
 * entityOverride} (or null) names the entity, so two sequences can drive the same entity id in two
 * workflows.
 */
record Sequence(
    EntityKind kind,
    long seed,
    List<Step> steps,
    LifecycleSettings settings,
    int historyLimit,
    String label,
    String entityOverride) {}
