import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { MarketQueryService, type BookLevel } from '@carryover/market';
import { Clock, minorToSafeNumber } from '@carryover/shared';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { BookQueryDto, RecentTradesQueryDto } from './market.dto';

class LevelResponse {
  @ApiProperty() priceBps!: number;
  @ApiProperty() quantityMinor!: number;
  @ApiProperty() count!: number;
}

class BookResponse {
  @ApiProperty({ type: [LevelResponse], description: 'cheapest first' }) asks!: LevelResponse[];
  @ApiProperty({ type: [LevelResponse], description: 'highest first' }) bids!: LevelResponse[];
}

class MarketTradeResponse {
  @ApiProperty() priceBps!: number;
  @ApiProperty() quantityMinor!: number;
  @ApiProperty() daysToExpiry!: number;
  @ApiProperty({ format: 'date-time' }) executedAt!: string;
}

const level = (l: BookLevel): LevelResponse => ({
  priceBps: l.priceBps,
  quantityMinor: minorToSafeNumber(l.quantityMinor),
  count: l.count,
});

@ApiTags('market data')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/markets/:providerCode')
export class MarketsController {
  constructor(
    private readonly market: MarketQueryService,
    private readonly clock: Clock,
  ) {}

  @Get('book')
  @ApiOkResponse({ type: BookResponse, description: 'anonymous aggregates per price level' })
  @ProblemResponses(400, 401)
  async book(
    @Param('providerCode') providerCode: string,
    @Query() query: BookQueryDto,
  ): Promise<BookResponse> {
    const book = await this.market.book(providerCode, query.currency, this.clock.now());
    return { asks: book.asks.map(level), bids: book.bids.map(level) };
  }

  @Get('trades')
  @ApiOkResponse({ type: [MarketTradeResponse], description: 'newest first, without counterparties' })
  @ProblemResponses(400, 401)
  async trades(
    @Param('providerCode') providerCode: string,
    @Query() query: RecentTradesQueryDto,
  ): Promise<MarketTradeResponse[]> {
    const trades = await this.market.recentTrades(providerCode, query.limit);
    return trades.map((t) => ({
      ...t,
      quantityMinor: minorToSafeNumber(t.quantityMinor),
      executedAt: t.executedAt.toISOString(),
    }));
  }
}
