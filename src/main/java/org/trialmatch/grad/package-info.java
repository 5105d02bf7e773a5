/**
 * Backpropagation through time for the RSNN forward pass of {@code org.trialmatch.model}: {@link
 * org.trialmatch.grad.Backward} turns the losses' gradients with respect to spikes and jaw into
 * gradients for every trained parameter, using the exact adjoint equations of {@code bptt.md}, with the
 * pseudo-derivatives of {@link org.trialmatch.grad.PseudoDerivative}. The only dense work, the
 * products {@code S_gᵀ Ī} of every step, runs on OpenBLAS (the library ND4J's native backend is
 * built on); weight gradients are event-driven.
 *
 * <p>Imports {@code org.trialmatch.model} and {@code org.trialmatch.data} only (never {@code loss},
 * {@code train}, {@code analysis}, {@code report} or {@code cli}). Nothing here prints or logs.
 */
package org.trialmatch.grad;
