import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { MarketStatsService } from '@carryover/market';
import { minorToSafeNumber as n } from '@carryover/shared';
import { Roles } from '../auth/auth.decorators';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { BookQueryDto } from './market.dto';

class ExpiryBucketResponse {
  @ApiProperty({ example: '31-90' }) bucket!: string;
  @ApiProperty({ description: 'days to expiry at execution, inclusive' }) minDays!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'inclusive; null = no upper bound' })
  maxDays!: number | null;
  @ApiProperty() trades!: number;
  @ApiProperty({ description: 'face value traded, minor units' }) quantityMinor!: number;
  @ApiProperty({ description: 'paid by buyers, minor units' }) grossMinor!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 2850.5,
    description: 'quantity-weighted mean of 10000 - priceBps; null when nothing traded',
  })
  averageDiscountBps!: number | null;
}

class MarketStatsResponse {
  @ApiProperty() providerCode!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: [ExpiryBucketResponse] }) buckets!: ExpiryBucketResponse[];
}

@ApiTags('operator')
@ApiBearerAuth()
@Roles('operator')
@Controller('v1/admin/markets/:providerCode')
export class AdminMarketStatsController {
  constructor(private readonly stats: MarketStatsService) {}

  @Get('stats')
  @ApiOkResponse({
    type: MarketStatsResponse,
    description: 'volume and average discount by days to expiry; cancelled and refunded trades excluded',
  })
  @ProblemResponses(400, 401, 403, 404)
  async byExpiry(
    @Param('providerCode') providerCode: string,
    @Query() query: BookQueryDto,
  ): Promise<MarketStatsResponse> {
    const stats = await this.stats.byDaysToExpiry(providerCode, query.currency);
    return {
      ...stats,
      buckets: stats.buckets.map((b) => ({
        ...b,
        quantityMinor: n(b.quantityMinor),
        grossMinor: n(b.grossMinor),
      })),
    };
  }
}
