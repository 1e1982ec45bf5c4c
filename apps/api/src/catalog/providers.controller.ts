import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { CatalogService } from '@carryover/catalog';
import { ProblemResponses } from '../http/problem-responses.decorator';
import { ProviderResponse, toProviderResponse } from './dto/provider.responses';

@ApiTags('catalog')
@ApiBearerAuth()
@ApiSecurity('api-key')
@Controller('v1/providers')
export class ProvidersController {
  constructor(private readonly catalog: CatalogService) {}

  @Get()
  @ApiOkResponse({ type: [ProviderResponse], description: 'every provider with its current policy version' })
  @ProblemResponses(401)
  async list(): Promise<ProviderResponse[]> {
    return (await this.catalog.listProviders()).map(toProviderResponse);
  }
}
