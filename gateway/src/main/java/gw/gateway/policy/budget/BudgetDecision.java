package gw.gateway.policy.budget;

/** What {@link BudgetLedger#reserve} answers: a {@link Reservation} to settle, or a {@link BudgetDenial}. */
public sealed interface BudgetDecision permits Reservation, BudgetDenial {}
