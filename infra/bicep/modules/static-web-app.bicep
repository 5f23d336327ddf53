metadata description = 'Static Web App that serves the form and the dashboard in web/.'

@description('Required. Name of the Static Web App.')
param name string

@description('Required. Azure region; Static Web Apps run in a limited set of regions.')
param location string

@description('Optional. Tags applied to the app. azd finds the app to deploy through the azd-service-name tag.')
param tags object = {}

@description('Optional. Pricing tier.')
@allowed([
  'Free'
  'Standard'
])
param skuName string = 'Free'

// The Free tier has no linked backend: the site calls the Function App across origins, at the
// address that azure.yaml's prepackage hook writes into web/config.js.
resource staticSite 'Microsoft.Web/staticSites@2023-12-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuName
  }
  properties: {}
}

@description('Required. Name of the Static Web App.')
output name string = staticSite.name

@description('Required. Default host name of the Static Web App, without a scheme.')
output defaultHostname string = staticSite.properties.defaultHostname
