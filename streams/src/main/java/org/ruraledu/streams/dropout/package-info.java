/**
 * Dropout control (控辍保学): one case per child (一人一案), followed up until the child is persuaded to
 * return (劝返). The classes here are the pure domain model, with no Kafka types: the history of one pupil at
 * one school ({@link org.ruraledu.streams.dropout.PupilHistory}) and the cases derived from it
 * ({@link org.ruraledu.streams.dropout.DropoutCase}). Cases are a function of the set of events, never of
 * their arrival order, so that late, out-of-order and repeated events give the same case history as
 * in-order arrival.
 */
package org.ruraledu.streams.dropout;
