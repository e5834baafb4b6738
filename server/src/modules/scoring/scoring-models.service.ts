import { DEFAULT_MODEL, validateModel, type ScoringModel } from '@gongkai/scoring';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../../common/actor';
import { badInputs, conflict, notFound } from '../../common/domain-error';
import { isUuid } from '../../common/uuid';
import { ScoringModelEntity, type ScoringModelRow } from './scoring-model.entity';

/** Versioned scoring models: the default one is stored at boot, new versions are validated. */
@Injectable()
export class ScoringModelsService implements OnApplicationBootstrap {
  /** Stored versions never change: cached by row id. */
  private readonly byId = new Map<string, ScoringModelRow>();

  constructor(
    @InjectRepository(ScoringModelEntity)
    private readonly models: Repository<ScoringModelEntity>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.models
      .createQueryBuilder()
      .insert()
      .values({
        modelId: DEFAULT_MODEL.id,
        version: DEFAULT_MODEL.version,
        definition: DEFAULT_MODEL,
      })
      .orIgnore()
      .execute();
  }

  list(): Promise<ScoringModelRow[]> {
    return this.models.find({ order: { createdAt: 'DESC', id: 'ASC' }, take: 200 });
  }

  /** The model by row id, or the current one (the version stored last) when no id is given. */
  async resolve(id?: string | null): Promise<ScoringModelRow> {
    if (id !== undefined && id !== null) {
      const cached = this.byId.get(id);
      if (cached) return cached;
      const found = isUuid(id) ? await this.models.findOne({ where: { id } }) : null;
      if (!found) throw notFound('scoring model');
      this.byId.set(id, found);
      return found;
    }
    const [current] = await this.models.find({ order: { createdAt: 'DESC', id: 'ASC' }, take: 1 });
    if (!current) throw notFound('scoring model');
    return current;
  }

  /**
   * Stores a new model version after `validateModel`; every problem is reported with its path
   * (`input.definition.indicators[2].weight`) and nothing is saved when there is one.
   */
  async create(actor: Actor, definition: unknown): Promise<ScoringModelRow> {
    if (definition === null || typeof definition !== 'object' || Array.isArray(definition)) {
      throw badInputs([{ field: 'input.definition', message: 'must be a scoring model object' }]);
    }
    const model = definition as ScoringModel;
    const issues = validateModel(model);
    if (issues.length > 0) {
      throw badInputs(
        issues.map((issue) => ({
          field: `input.definition.${issue.path}`,
          message: issue.messageEn,
        })),
      );
    }
    const exists = await this.models.exists({
      where: { modelId: model.id, version: model.version },
    });
    if (exists) {
      throw conflict(
        `model ${model.id} version ${model.version} exists; give the new one a new version`,
        { key: 'scoringModel.versionExists', params: { version: model.version } },
      );
    }
    try {
      return await this.models.save(
        this.models.create({
          modelId: model.id,
          version: model.version,
          definition: model,
          createdById: actor.userId,
        }),
      );
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === '23505')
        throw conflict(`model ${model.id} version ${model.version} exists`, {
          key: 'scoringModel.versionExists',
          params: { version: model.version },
        });
      throw error;
    }
  }
}
