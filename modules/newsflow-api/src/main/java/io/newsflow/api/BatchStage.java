package io.newsflow.api;

import java.util.List;

/**
 * Processes a batch of inputs at once, for stages whose backend works in bulk (indexing). Returns one
 * outcome per input, in input order. Implementations say whether they are thread-safe.
 *
 * @param <I> input type
 * @param <O> output type
 */
@FunctionalInterface
public interface BatchStage<I, O> {

  /**
   * Processes {@code inputs}.
   *
   * @return exactly {@code inputs.size()} outcomes, the i-th for the i-th input
   */
  List<Outcome<O>> apply(List<I> inputs);
}
