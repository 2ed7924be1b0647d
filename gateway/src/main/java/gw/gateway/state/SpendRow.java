package gw.gateway.state;

/** Totals for one value of the queried dimension; a missing team, feature or model is "(none)". */
public record SpendRow(String key, double costUsd, long promptTokens, long completionTokens, long requests) {}
