/**
 * Dropout control (控辍保学): one case per child (一人一案), followed up until the child is persuaded to
 * return (劝返). The domain model has no Kafka types: the history of one pupil at one school
 * ({@link org.ruraledu.streams.dropout.PupilHistory}) and the cases derived from it
 * ({@link org.ruraledu.streams.dropout.DropoutCase}). Cases are a function of the set of events, never of
 * their arrival order, so that late, out-of-order and repeated events give the same case history as
 * in-order arrival.
 *
 * <p>The Kafka side is small: {@link org.ruraledu.streams.dropout.Dropout} wires the domain into the topology,
 * {@link org.ruraledu.streams.dropout.CaseTracker} keeps the histories in a store and checks open cases against
 * the follow-up limits on wall-clock time; {@link org.ruraledu.streams.dropout.DropoutAlerts} and
 * {@link org.ruraledu.streams.dropout.DropoutKpis} say what a case change means for alerts and KPIs.
 */
package org.ruraledu.streams.dropout;
