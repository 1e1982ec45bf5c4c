import { Body, Controller, Delete, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Actor } from '@carryover/identity';
import { CancelListingUseCase, CreateListingUseCase, MarketQueryService } from '@carryover/market';
import { minorToSafeNumber } from '@carryover/shared';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Idempotent } from '../http/idempotency/idempotent.decorator';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { UuidParam } from '../http/uuid-param';
import { CreateListingDto, ListingsQueryDto } from './market.dto';
import {
  CancelledResponse,
  ListingCreatedResponse,
  ListingPageResponse,
  ListingResponse,
  toListingResponse,
  toTradeResponse,
} from './market.responses';

@ApiTags('market')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/listings')
export class ListingsController {
  constructor(
    private readonly create: CreateListingUseCase,
    private readonly cancel: CancelListingUseCase,
    private readonly market: MarketQueryService,
  ) {}

  @Post()
  @Roles('trader')
  @Idempotent()
  @ApiCreatedResponse({
    type: ListingCreatedResponse,
    description: 'the listing and the trades it matched at once',
  })
  @ProblemResponses(400, 401, 403, 404, 422)
  async createListing(
    @CurrentActor() actor: Actor,
    @Body() body: CreateListingDto,
  ): Promise<ListingCreatedResponse> {
    const { listing, trades } = await this.create.execute(actor, {
      creditLotId: body.creditLotId,
      quantityMinor: BigInt(body.quantityMinor),
      price: body.priceBps ?? body.priceSchedule ?? [],
      minFillMinor: body.minFillMinor === undefined ? undefined : BigInt(body.minFillMinor),
    });
    return {
      listing: toListingResponse(listing, true),
      trades: trades.map((t) => toTradeResponse(t, 'sell')),
    };
  }

  @Get()
  @Roles('viewer')
  @ApiOkResponse({
    type: ListingPageResponse,
    description: 'open listings of everyone (no seller identity), or ?mine=true',
  })
  @ProblemResponses(400, 401, 403)
  async list(@CurrentActor() actor: Actor, @Query() query: ListingsQueryDto): Promise<ListingPageResponse> {
    const page = query.mine ? await this.market.ownListings(actor, query) : await this.market.browse(query);
    return {
      data: page.data.map((view) => toListingResponse(view, view.organizationId === actor.organizationId)),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':id')
  @Roles('viewer')
  @ApiOkResponse({ type: ListingResponse })
  @ProblemResponses(400, 401, 403, 404)
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ListingResponse> {
    const { listing, mine } = await this.market.listing(actor, id);
    return toListingResponse(listing, mine);
  }

  @Delete(':id')
  @Roles('trader')
  @ApiOkResponse({ type: CancelledResponse, description: 'the unsold remainder returns to the lot' })
  @ProblemResponses(400, 401, 403, 404, 409)
  async cancelListing(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<CancelledResponse> {
    const cancelled = await this.cancel.execute(actor, id);
    return { ...cancelled, cancelledMinor: minorToSafeNumber(cancelled.cancelledMinor) };
  }
}
