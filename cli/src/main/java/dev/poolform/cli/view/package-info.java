/**
 * How runtime results look to people: the Terraform-like plan text, rollout progress (a bar on a
 * terminal, timestamped lines otherwise), the approval prompt and apply summaries. Views take plain
 * records and return or print text; colour only when the context allows it.
 */
package dev.poolform.cli.view;
