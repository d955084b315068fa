package dev.poolform.runtime.observe;

import dev.poolform.runtime.plan.Plan;
import dev.poolform.runtime.state.State;
import java.util.Optional;

/**
 * One refresh of the fleet, seen two ways: per pool ({@code status}) and as what apply would do
 * ({@code plan}, empty when a cloud could not be read). {@code state} is what both were made
 * against.
 */
public record Observation(FleetStatus status, Optional<Plan> plan, State state) {}
