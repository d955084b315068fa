package dev.poolform.compiler.eval;

import dev.poolform.compiler.ast.Decl;
import dev.poolform.stdlib.value.CloudValue;

/** A cloud declaration with its evaluated settings, checked once against its kind's schema. */
public record EvaluatedCloud(Decl.Cloud decl, CloudValue value, EBody body) {}
