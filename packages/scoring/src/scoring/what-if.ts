import { isIndicatorId } from '../indicators/indicator.catalogue';
import type { IndicatorId } from '../indicators/indicator.types';
import {
  ModelValidationError,
  type ModelIssue,
  type ScoringModel,
} from '../model/scoring-model.types';
import { computeScores } from './score-board';
import type { ScoreBoard, ScoreRow } from './score-board.types';

/** New weights by indicator id; indicators not named keep the model's weight. */
export type WeightOverrides = Readonly<Partial<Record<IndicatorId, number>>>;

/** Problems with what-if weights against a model, with paths `weights.<indicatorId>`. */
export function validateWeights(model: ScoringModel, weights: WeightOverrides): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const inModel = new Set<string>(model.indicators.map((entry) => entry.indicatorId));
  for (const [id, weight] of Object.entries(weights) as [string, unknown][]) {
    const path = `weights.${id}`;
    if (!isIndicatorId(id)) {
      issues.push({ path, message: `未知指标“${id}”`, messageEn: `unknown indicator "${id}"` });
    } else if (!inModel.has(id)) {
      issues.push({
        path,
        message: `模型 ${model.id}@${model.version} 不含指标“${id}”`,
        messageEn: `model ${model.id}@${model.version} has no indicator "${id}"`,
      });
    }
    if (typeof weight !== 'number' || !Number.isFinite(weight)) {
      issues.push({
        path,
        message: '权重须为有限数值',
        messageEn: 'the weight must be a finite number',
      });
    } else if (weight < 0) {
      issues.push({
        path,
        message: `权重不能为负数（${weight}）`,
        messageEn: `the weight must not be negative (${weight})`,
      });
    }
  }
  if (issues.length === 0) {
    const total = model.indicators.reduce(
      (sum, entry) => sum + (weights[entry.indicatorId] ?? entry.weight),
      0,
    );
    if (total === 0) {
      issues.push({
        path: 'weights',
        message: '权重不能全部为零',
        messageEn: 'the weights must not all be zero',
      });
    }
  }
  return issues;
}

/** The model with some weights replaced; throws ModelValidationError for bad weights. */
export function reweightModel(model: ScoringModel, weights: WeightOverrides): ScoringModel {
  const issues = validateWeights(model, weights);
  if (issues.length > 0) throw new ModelValidationError(issues);
  return {
    ...model,
    indicators: model.indicators.map((entry) => ({
      ...entry,
      weight: weights[entry.indicatorId] ?? entry.weight,
    })),
  };
}

/**
 * Re-scores a board with different weights, reusing its measurements and normalised values:
 * pure, fast (no indicator is measured again), computed and not saved. Throws
 * ModelValidationError, computing nothing, for negative, all-zero or unknown weights. The
 * returned board carries the what-if model (same id and version: it is not a published model).
 */
export function whatIf(board: ScoreBoard, weights: WeightOverrides): ScoreBoard {
  const model = reweightModel(board.model, weights);
  const n = board.rows.length;
  const k = board.indicatorIds.length;
  const newWeights = Float64Array.from(model.indicators, (entry) => entry.weight);
  const scores = computeScores(board.normalised, newWeights, n, k);
  const rows = board.rows.map((row, i): ScoreRow => {
    const score = scores[i] as number;
    return {
      organizationId: row.organizationId,
      peerGroup: row.peerGroup,
      regionPath: row.regionPath,
      score: Number.isNaN(score) ? null : score,
      firstSubmittedAtMs: row.firstSubmittedAtMs,
      errorCount: row.errorCount,
      previousRank: row.previousRank,
      previousScore: row.previousScore,
      ...(row.awaitingReport ? { awaitingReport: true as const } : {}),
    };
  });
  return { ...board, model, weights: newWeights, rows, scores };
}
