import { INDICATOR_CATALOGUE, isIndicatorId } from '../indicators/indicator.catalogue';
import {
  ModelValidationError,
  type ModelIssue,
  type Normalisation,
  type ScoringModel,
} from './scoring-model.types';

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function issue(path: string, message: string, messageEn: string): ModelIssue {
  return { path, message, messageEn };
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * Every problem with a model, as `{ path, message, messageEn }`; empty when it can be used.
 * The input is treated as untrusted (it may come from JSON), so shapes are checked too.
 */
export function validateModel(model: ScoringModel): ModelIssue[] {
  const issues: ModelIssue[] = [];
  if (typeof model.id !== 'string' || model.id.trim() === '') {
    issues.push(issue('id', '模型标识不能为空', 'the model id must not be empty'));
  }
  if (typeof model.version !== 'string' || model.version.trim() === '') {
    issues.push(issue('version', '模型版本不能为空', 'the model version must not be empty'));
  }
  if (
    typeof model.publishedOn !== 'string' ||
    !DATE_PATTERN.test(model.publishedOn) ||
    Number.isNaN(Date.parse(model.publishedOn))
  ) {
    issues.push(
      issue('publishedOn', '发布日期须为 YYYY-MM-DD', 'publishedOn must be a date (YYYY-MM-DD)'),
    );
  }
  if (
    model.peerScope !== undefined &&
    model.peerScope !== 'peerGroup' &&
    model.peerScope !== 'all'
  ) {
    issues.push(
      issue(
        'peerScope',
        '同类比较范围须为 peerGroup 或 all',
        'peerScope must be "peerGroup" or "all"',
      ),
    );
  }
  if (!Array.isArray(model.indicators) || model.indicators.length === 0) {
    issues.push(
      issue('indicators', '模型至少需要一个指标', 'the model needs at least one indicator'),
    );
    return issues;
  }
  const seen = new Set<string>();
  let totalWeight = 0;
  let weightsValid = true;
  model.indicators.forEach((entry, index) => {
    const at = `indicators[${index}]`;
    const id: string = entry.indicatorId;
    if (!isIndicatorId(id)) {
      issues.push(issue(`${at}.indicatorId`, `未知指标“${id}”`, `unknown indicator "${id}"`));
    } else if (seen.has(id)) {
      issues.push(issue(`${at}.indicatorId`, `指标“${id}”重复`, `indicator "${id}" appears twice`));
    }
    seen.add(id);
    if (!isFiniteNumber(entry.weight)) {
      weightsValid = false;
      issues.push(issue(`${at}.weight`, '权重须为有限数值', 'the weight must be a finite number'));
    } else if (entry.weight < 0) {
      weightsValid = false;
      issues.push(
        issue(
          `${at}.weight`,
          `权重不能为负数（${entry.weight}）`,
          `the weight must not be negative (${entry.weight})`,
        ),
      );
    } else {
      totalWeight += entry.weight;
    }
    if (entry.direction !== 'higherIsBetter' && entry.direction !== 'lowerIsBetter') {
      issues.push(
        issue(
          `${at}.direction`,
          '方向须为 higherIsBetter 或 lowerIsBetter',
          'direction must be "higherIsBetter" or "lowerIsBetter"',
        ),
      );
    } else if (isIndicatorId(id) && INDICATOR_CATALOGUE[id].direction !== entry.direction) {
      const natural = INDICATOR_CATALOGUE[id].direction;
      issues.push(
        issue(
          `${at}.direction`,
          `指标“${id}”的方向应为 ${natural}`,
          `indicator "${id}" is ${natural}; a model cannot reverse it`,
        ),
      );
    }
    issues.push(
      ...validateNormalisation(`${at}.normalisation`, entry.normalisation, entry.direction),
    );
  });
  if (weightsValid && totalWeight === 0) {
    issues.push(issue('indicators', '权重不能全部为零', 'the weights must not all be zero'));
  }
  return issues;
}

function validateNormalisation(
  at: string,
  normalisation: Normalisation | undefined,
  direction: string,
): ModelIssue[] {
  if (!normalisation || typeof normalisation !== 'object') {
    return [issue(at, '缺少归一化方法', 'normalisation is missing')];
  }
  switch (normalisation.kind) {
    case 'minMax':
    case 'percentile':
      return [];
    case 'linear': {
      const { min, max } = normalisation;
      if (!isFiniteNumber(min) || !isFiniteNumber(max)) {
        return [issue(at, 'min 与 max 须为有限数值', 'min and max must be finite numbers')];
      }
      return min < max
        ? []
        : [issue(`${at}.max`, 'max 须大于 min', `max (${max}) must be greater than min (${min})`)];
    }
    case 'bands':
      return validateBands(at, normalisation.breaks, normalisation.scores, direction);
    default: {
      const kind = String((normalisation as { kind?: unknown }).kind);
      return [
        issue(
          `${at}.kind`,
          `未知归一化方法“${kind}”`,
          `unknown normalisation "${kind}" (bands, linear, minMax or percentile)`,
        ),
      ];
    }
  }
}

function validateBands(
  at: string,
  breaks: readonly number[],
  scores: readonly number[],
  direction: string,
): ModelIssue[] {
  if (!Array.isArray(breaks) || !Array.isArray(scores)) {
    return [issue(at, 'breaks 与 scores 须为数组', 'breaks and scores must be arrays')];
  }
  const issues: ModelIssue[] = [];
  if (breaks.length === 0) {
    issues.push(issue(`${at}.breaks`, '至少需要一个分档阈值', 'at least one break is needed'));
  }
  breaks.forEach((value, i) => {
    if (!isFiniteNumber(value)) {
      issues.push(
        issue(`${at}.breaks[${i}]`, '阈值须为有限数值', 'a break must be a finite number'),
      );
    } else if (i > 0 && !(value > (breaks[i - 1] as number))) {
      issues.push(
        issue(`${at}.breaks[${i}]`, '阈值须严格递增', 'breaks must be strictly ascending'),
      );
    }
  });
  if (scores.length !== breaks.length + 1) {
    issues.push(
      issue(
        `${at}.scores`,
        `分档得分个数须为阈值个数加一（${breaks.length + 1}）`,
        `scores must have one more entry than breaks (${breaks.length + 1}), got ${scores.length}`,
      ),
    );
  }
  scores.forEach((value, i) => {
    if (!isFiniteNumber(value) || value < 0 || value > 1) {
      issues.push(
        issue(`${at}.scores[${i}]`, '得分须在0到1之间', 'a score must be between 0 and 1'),
      );
    } else if (i > 0 && isFiniteNumber(scores[i - 1])) {
      const previous = scores[i - 1] as number;
      const wrong = direction === 'lowerIsBetter' ? value > previous : value < previous;
      if (wrong) {
        issues.push(
          issue(
            `${at}.scores[${i}]`,
            direction === 'lowerIsBetter'
              ? '数值越低越好：分档得分须不增'
              : '数值越高越好：分档得分须不减',
            direction === 'lowerIsBetter'
              ? 'lower is better: band scores must not increase'
              : 'higher is better: band scores must not decrease',
          ),
        );
      }
    }
  });
  return issues;
}

/** Throws ModelValidationError listing every issue; returns the model when valid. */
export function assertValidModel(model: ScoringModel): ScoringModel {
  const issues = validateModel(model);
  if (issues.length > 0) throw new ModelValidationError(issues);
  return model;
}
